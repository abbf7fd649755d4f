// The group challenges the viewer is in, and the ways into a new one: starting it or joining it.
import { Page } from '../layout/Page.js';
import { CreateGroupForm } from './CreateGroupForm.js';
import { JoinGroupForm } from './JoinGroupForm.js';
import { MyGroupsList } from './MyGroupsList.js';
import './groups.css';

export function GroupsPage() {
  return (
    <div className="groups">
      <Page title="Group challenges">
        <div className="group-columns">
          <div className="group-main">
            <MyGroupsList />
          </div>
          <div className="group-side">
            <CreateGroupForm />
            <JoinGroupForm />
          </div>
        </div>
      </Page>
    </div>
  );
}
